-- The outbox row is planned before anyone knows which surface will reach the person (they may install the
-- Teams app or open a Slack DM later); the dispatcher records the platform it used.
ALTER TABLE outbox ALTER COLUMN platform DROP NOT NULL;
