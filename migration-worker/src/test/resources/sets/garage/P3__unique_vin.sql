-- V3 makes vehicle (vin) unique: every VIN that more than one vehicle holds would fail it.
SELECT vin, count(*) AS vehicles, group_concat(id) AS ids
  FROM vehicle
 GROUP BY vin
HAVING count(*) > 1
 ORDER BY vin;
