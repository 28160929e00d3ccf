-- A notice about something other than an order (a duty task, an access application, an evaluation) opens its page.
alter table notification add column link varchar(200);
