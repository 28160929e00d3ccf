-- A caller's earlier demands are found by their number (来电历史): numbers are stored without the dashes and
-- spaces people type, so 0731-8888 8888 and 073188888888 are the same caller.
update work_order set requester_phone = replace(replace(requester_phone, '-', ''), ' ', '')
where requester_phone like '%-%' or requester_phone like '% %';
create index work_order_phone_idx on work_order (requester_phone);
