-- An odometer never runs backwards.
SELECT id, odometer_km FROM vehicle WHERE odometer_km < 0;
