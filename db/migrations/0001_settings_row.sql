-- The settings table holds exactly one row; every figure reads its defaults from it.
INSERT INTO "settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
