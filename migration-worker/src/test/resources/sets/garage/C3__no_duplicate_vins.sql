SELECT vin, count(*) FROM vehicle GROUP BY vin HAVING count(*) > 1;
