SELECT id FROM vehicle WHERE id NOT IN (SELECT id FROM vehicle_summary);
SELECT 'service log without vehicle' FROM service_log WHERE vehicle_id NOT IN (SELECT id FROM vehicle);
