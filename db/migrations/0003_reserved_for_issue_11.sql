-- Placeholder on the issue-13 branch only, so 0005 applies in sequence. Delete this file when merging:
-- the branch that owns this number brings its real migration.
SELECT 1;
