-- Casework: the words that point to a category (停水 → 供水问题), which order a category group's categories at
-- intake so that the likely one comes first. Semicolon-separated; existing catalogues are filled from
-- casework/categories.csv at start-up where empty.
alter table category add column keywords varchar(1000) not null default '';
