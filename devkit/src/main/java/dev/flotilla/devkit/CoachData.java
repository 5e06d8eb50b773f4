package dev.flotilla.devkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic rows for one RV controller at schema version 2: one to two weeks of tank levels,
 * circuit loads and climate readings, the events of that period, device settings and a service
 * history. Everything follows from the random generator, so a seed gives the same rows every time.
 */
final class CoachData {
  /** The readings end here: a fixed instant keeps generated fleets identical across runs. */
  static final Instant READINGS_END = Instant.parse("2026-11-01T00:00:00Z");

  private record Tank(String name, String kind, double capacityLitres, double usePerHour) {}

  private record Circuit(String name, String kind, int breakerAmps, double typicalAmps) {}

  private static final List<Tank> TANKS =
      List.of(
          new Tank("Fresh Water", "fresh", 190, 1.6),
          new Tank("Grey Water", "grey", 150, 1.2),
          new Tank("Black Water", "black", 110, 0.5),
          new Tank("Propane", "propane", 60, 0.15));

  private static final List<Circuit> CIRCUITS =
      List.of(
          new Circuit("Air Conditioner", "ac", 30, 11.0),
          new Circuit("Microwave", "ac", 20, 1.5),
          new Circuit("Water Heater", "ac", 20, 4.0),
          new Circuit("Refrigerator", "ac", 15, 2.5),
          new Circuit("Kitchen Outlets", "ac", 20, 1.2),
          new Circuit("Bedroom Outlets", "ac", 15, 0.6),
          new Circuit("Lights", "dc", 15, 2.0),
          new Circuit("Water Pump", "dc", 10, 1.1),
          new Circuit("Furnace", "dc", 15, 3.0),
          new Circuit("Control Panel", "dc", 5, 0.4),
          new Circuit("Vent Fans", "dc", 10, 1.4),
          new Circuit("Slide Out", "dc", 30, 0.2));

  private static final List<String> ZONES = List.of("Living Area", "Bedroom", "Bathroom");
  private static final List<String> MODELS = List.of("CoachIQ 300", "CoachIQ 500", "CoachIQ 700");
  private static final List<String> COMPONENTS =
      List.of(
          "Roof seals",
          "Generator oil and filter",
          "Water heater anode",
          "Brake inspection",
          "Tire rotation",
          "House batteries",
          "Air conditioner filters",
          "Propane leak test",
          "Slide-out lubrication",
          "Fresh water sanitation");
  private static final List<String> TECHNICIANS =
      List.of("A. Moreau", "B. Okafor", "C. Lindqvist", "D. Ramos", "E. Tanaka");
  private static final List<String> NOTES =
      List.of(
          "No issues found",
          "Replaced worn part",
          "Customer reported noise; none on test drive",
          "Follow up at next service",
          "Parts on back order, temporary fix applied");

  private final Connection connection;
  private final SplittableRandom random;
  private final String deviceId;
  private final Instant start;
  private final int hours;

  private CoachData(Connection connection, SplittableRandom random, String deviceId) {
    this.connection = connection;
    this.random = random;
    this.deviceId = deviceId;
    int days = 7 + random.nextInt(8);
    this.hours = days * 24;
    this.start = READINGS_END.minus(Duration.ofHours(hours));
  }

  /** Inserts the rows; the caller owns the transaction. */
  static void insert(Connection connection, SplittableRandom random, String deviceId)
      throws SQLException {
    new CoachData(connection, random, deviceId).insertAll();
  }

  private void insertAll() throws SQLException {
    insertSettings();
    insertTanksAndLevels();
    insertCircuitsAndLoads();
    insertClimate();
    insertEvents();
    insertMaintenance();
  }

  private void insertSettings() throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO settings (key, value) VALUES (?, ?)")) {
      String[][] settings = {
        {"device.id", deviceId},
        {"device.model", pick(MODELS)},
        {"firmware.version", "4." + random.nextInt(3) + "." + random.nextInt(10)},
        {"vehicle.vin", vin()},
        {"units", random.nextInt(4) == 0 ? "imperial" : "metric"},
        {"timezone", pick(List.of("Europe/Berlin", "America/Denver", "Australia/Perth"))},
        {"shore_power.limit_amps", random.nextBoolean() ? "30" : "50"},
        {"display.brightness_pct", Integer.toString(40 + random.nextInt(61))}
      };
      for (String[] setting : settings) {
        insert.setString(1, setting[0]);
        insert.setString(2, setting[1]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void insertTanksAndLevels() throws SQLException {
    try (PreparedStatement tank =
            connection.prepareStatement(
                "INSERT INTO tanks (id, name, kind, capacity_l) VALUES (?, ?, ?, ?)");
        PreparedStatement level =
            connection.prepareStatement(
                "INSERT INTO tank_levels (tank_id, recorded_at, level_pct) VALUES (?, ?, ?)")) {
      for (int i = 0; i < TANKS.size(); i++) {
        Tank t = TANKS.get(i);
        int id = i + 1;
        double capacity = Math.round(t.capacityLitres() * (0.8 + 0.4 * random.nextDouble()));
        tank.setInt(1, id);
        tank.setString(2, t.name());
        tank.setString(3, t.kind());
        tank.setDouble(4, capacity);
        tank.addBatch();

        // Fresh water and propane run down and get refilled; waste tanks fill and get dumped.
        boolean drains = t.kind().equals("fresh") || t.kind().equals("propane");
        double pct = drains ? 60 + random.nextDouble() * 40 : random.nextDouble() * 30;
        for (int hour = 0; hour < hours; hour += 2) {
          double change = 2 * t.usePerHour() * (0.5 + random.nextDouble()) * 100 / capacity;
          pct = drains ? pct - change : pct + change;
          if (drains && pct < 10 + random.nextDouble() * 10) {
            pct = 95 + random.nextDouble() * 5;
          } else if (!drains && pct > 80 + random.nextDouble() * 15) {
            pct = random.nextDouble() * 5;
          }
          pct = Math.max(0, Math.min(100, pct));
          level.setInt(1, id);
          level.setString(2, at(hour));
          level.setDouble(3, round1(pct));
          level.addBatch();
        }
      }
      tank.executeBatch();
      level.executeBatch();
    }
  }

  private void insertCircuitsAndLoads() throws SQLException {
    try (PreparedStatement circuit =
            connection.prepareStatement(
                "INSERT INTO circuits (id, name, kind, breaker_amps) VALUES (?, ?, ?, ?)");
        PreparedStatement load =
            connection.prepareStatement(
                "INSERT INTO circuit_loads (circuit_id, recorded_at, amps) VALUES (?, ?, ?)")) {
      for (int i = 0; i < CIRCUITS.size(); i++) {
        Circuit c = CIRCUITS.get(i);
        int id = i + 1;
        circuit.setInt(1, id);
        circuit.setString(2, c.name());
        circuit.setString(3, c.kind());
        circuit.setInt(4, c.breakerAmps());
        circuit.addBatch();
        for (int hour = 0; hour < hours; hour += 3) {
          int hourOfDay = hour % 24;
          double daytime = hourOfDay >= 7 && hourOfDay <= 22 ? 1.0 : 0.35;
          double amps =
              random.nextInt(6) == 0 ? 0 : c.typicalAmps() * daytime * (0.4 + random.nextDouble());
          load.setInt(1, id);
          load.setString(2, at(hour));
          load.setDouble(3, round2(Math.min(amps, c.breakerAmps())));
          load.addBatch();
        }
      }
      circuit.executeBatch();
      load.executeBatch();
    }
  }

  private void insertClimate() throws SQLException {
    int zones = 2 + random.nextInt(ZONES.size() - 1);
    try (PreparedStatement zone =
            connection.prepareStatement(
                "INSERT INTO climate_zones (id, name, mode, setpoint_c) VALUES (?, ?, ?, ?)");
        PreparedStatement reading =
            connection.prepareStatement(
                "INSERT INTO climate_readings (zone_id, recorded_at, temperature_c, humidity_pct)"
                    + " VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < zones; i++) {
        int id = i + 1;
        double setpoint = 19 + random.nextInt(6);
        zone.setInt(1, id);
        zone.setString(2, ZONES.get(i));
        zone.setString(3, pick(List.of("heat", "cool", "auto", "auto", "off")));
        zone.setDouble(4, setpoint);
        zone.addBatch();
        double outside = 4 + random.nextDouble() * 20;
        for (int hour = 0; hour < hours; hour += 2) {
          double dayCycle = Math.sin((hour % 24 - 9) / 24.0 * 2 * Math.PI);
          double temperature = setpoint + 1.5 * dayCycle + (outside - setpoint) * 0.08;
          reading.setInt(1, id);
          reading.setString(2, at(hour));
          reading.setDouble(3, round1(temperature + random.nextGaussian() * 0.6));
          reading.setDouble(4, round1(Math.max(15, Math.min(95, 45 + random.nextGaussian() * 8))));
          reading.addBatch();
        }
      }
      zone.executeBatch();
      reading.executeBatch();
    }
  }

  private void insertEvents() throws SQLException {
    String[][] kinds = {
      {"info", "power", "Shore power connected"},
      {"info", "power", "Shore power disconnected"},
      {"info", "generator", "Generator started"},
      {"info", "generator", "Generator stopped after %d min"},
      {"info", "tanks", "Fresh water tank filled"},
      {"info", "tanks", "Waste tanks dumped"},
      {"info", "slide", "Slide-out extended"},
      {"info", "slide", "Slide-out retracted"},
      {"info", "climate", "Zone setpoint changed to %d C"},
      {"warning", "tanks", "Grey water tank above 85 %%"},
      {"warning", "power", "Battery voltage low: 11.%d V"},
      {"warning", "climate", "Furnace ignition retry"},
      {"error", "power", "Inverter overload, output shut down"},
      {"error", "sensors", "Black tank sensor not responding"}
    };
    int events = 40 + random.nextInt(100);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO event_log (occurred_at, severity, source, message) VALUES (?, ?, ?, ?)")) {
      long seconds = Duration.ofHours(hours).toSeconds();
      long[] times = new long[events];
      for (int i = 0; i < events; i++) {
        times[i] = random.nextLong(seconds);
      }
      Arrays.sort(times);
      for (long offset : times) {
        // Most events are routine; warnings and errors are rarer.
        int roll = random.nextInt(100);
        String[] kind =
            kinds[
                roll < 80
                    ? random.nextInt(9)
                    : roll < 96 ? 9 + random.nextInt(3) : 12 + random.nextInt(2)];
        insert.setString(1, start.plusSeconds(offset).toString());
        insert.setString(2, kind[0]);
        insert.setString(3, kind[1]);
        insert.setString(4, String.format(Locale.ROOT, kind[2], 5 + random.nextInt(55)));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void insertMaintenance() throws SQLException {
    int records = 3 + random.nextInt(10);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO maintenance_records"
                + " (component, performed_at, odometer_km, technician, notes)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      Instant when = start.minus(Duration.ofDays(730));
      int odometer = 5_000 + random.nextInt(40_000);
      for (int i = 0; i < records; i++) {
        when = when.plus(Duration.ofDays(20 + random.nextInt(50)));
        odometer += 500 + random.nextInt(4_000);
        insert.setString(1, pick(COMPONENTS));
        insert.setString(2, when.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(9)).toString());
        insert.setInt(3, odometer);
        insert.setString(4, pick(TECHNICIANS));
        insert.setString(5, random.nextInt(3) == 0 ? null : pick(NOTES));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private String at(int hour) {
    return start.plus(Duration.ofHours(hour)).toString();
  }

  private String vin() {
    String alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    StringBuilder vin = new StringBuilder(17);
    for (int i = 0; i < 17; i++) {
      vin.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return vin.toString();
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static double round1(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
