UPDATE reading SET recorded_at = recorded_at * 1000;
