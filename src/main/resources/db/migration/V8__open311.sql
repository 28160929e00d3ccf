-- Open311 GET requests reads a window of the most recent 90 days by requested time, newest first.
create index work_order_received_idx on work_order (received_at);
