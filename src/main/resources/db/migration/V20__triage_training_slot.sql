-- One training at a time across every server: the unfinished training holds the one slot (slot = 1, unique; a
-- finished one leaves it empty), and its server touches updated_at while it runs, so a training whose server
-- stopped is seen stale and gives the slot up (see TriageModels). Trainings left unfinished before this change
-- were cut off by the restart that applies it.
alter table triage_training add column slot smallint;
update triage_training set status = 'INTERRUPTED', finished_at = updated_at where status in ('QUEUED', 'RUNNING');
create unique index triage_training_slot_idx on triage_training (slot);
