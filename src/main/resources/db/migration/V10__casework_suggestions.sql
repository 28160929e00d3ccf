-- What triage proposed at intake (category group and place), kept so a dispatcher's correction is on record.
alter table work_order add column suggested_group varchar(30);
alter table work_order add column suggested_division varchar(15);
-- Duplicate check: open orders near a point (bounding box on lat) received in the last days.
create index work_order_lat_idx on work_order (lat);
