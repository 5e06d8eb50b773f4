-- flotilla:no-transaction
VACUUM;
