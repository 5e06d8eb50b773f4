-- Essential circuits must never be shed.
SELECT id, name, priority
  FROM circuits
 WHERE name IN ('Refrigerator', 'Furnace', 'Water Pump', 'Control Panel')
   AND priority <> 1;
