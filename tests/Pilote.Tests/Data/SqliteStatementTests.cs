using Microsoft.Data.Sqlite;
using Pilote.Measurements;

namespace Pilote.Tests.Data;

/// <summary>
/// The prepared statement behind bulk inserts: SQLite keeps a statement's bindings from one step to the next, and the texts
/// bound once are read in place from an arena reused after each step, so each row must still come out with its own values.
/// </summary>
public sealed class SqliteStatementTests
{
    [Fact]
    public void Each_step_stores_its_own_values_and_nulls_whatever_the_step_before_bound()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (id INTEGER, name TEXT, amount TEXT, day TEXT, score REAL)";
            create.ExecuteNonQuery();
        }
        // Two rows a statement, as EntityRows binds them: one parameter's value changes between NULL and not on every
        // pattern (value → NULL, NULL → NULL, NULL → value, value → value).
        (int Id, string? Name, decimal? Amount, DateOnly? Day, double? Score)[] rows =
        [
            (1, "a", 1.5m, new DateOnly(2026, 3, 1), 0.5), (2, null, null, null, null),
            (3, null, 2m, null, 1), (4, "b", null, new DateOnly(2026, 3, 2), null),
            (5, "c", null, null, 2), (6, null, 3.25m, new DateOnly(2026, 3, 3), null),
            (7, null, null, null, null), (8, "d", 4m, new DateOnly(2026, 3, 4), 3),
        ];
        using (var insert = new SqliteStatement(connection, "INSERT INTO t VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)"))
            for (var i = 0; i < rows.Length; i += 2)
            {
                foreach (var (id, name, amount, day, score) in rows.AsSpan(i, 2))
                {
                    insert.Bind(id);
                    insert.Bind(name);
                    insert.Bind(amount);
                    insert.Bind(day);
                    insert.Bind(score);
                }
                insert.Step();
            }

        var stored = new List<string>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT id, coalesce(name, '∅'), coalesce(amount, '∅'), coalesce(day, '∅'), coalesce(score, '∅') FROM t ORDER BY id";
            using var reader = read.ExecuteReader();
            while (reader.Read())
                stored.Add(string.Join(" ", Enumerable.Range(0, 5).Select(c => Convert.ToString(reader.GetValue(c), System.Globalization.CultureInfo.InvariantCulture))));
        }
        Assert.Equal(
        [
            "1 a 1.5 2026-03-01 0.5", "2 ∅ ∅ ∅ ∅", "3 ∅ 2 ∅ 1", "4 b ∅ 2026-03-02 ∅",
            "5 c ∅ ∅ 2", "6 ∅ 3.25 2026-03-03 ∅", "7 ∅ ∅ ∅ ∅", "8 d 4 2026-03-04 3",
        ], stored);
    }
}
