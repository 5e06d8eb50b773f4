DROP INDEX idx_circuit_loads_circuit_time;
ALTER TABLE circuits DROP COLUMN priority;
