using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Pilote.Data;

namespace Pilote.Tests.Data;

/// <summary>
/// The app runs on the model generated in src/Pilote/Data/Models (<c>dotnet ef dbcontext optimize</c>), not on the one
/// PiloteDb's configuration builds: a change to the configuration that is not generated again would store and read rows
/// by an old mapping. Each provider's generated model must map every table, column, key and index as the configuration does.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate =
        "the compiled model differs from PiloteDb's configuration: run dotnet ef dbcontext optimize --project src/Pilote "
        + "--startup-project src/Pilote.Migrations.{0} --output-dir Data/Models/{0} --namespace Pilote.Data.Models.{0}, "
        + "then delete the PiloteDbAssemblyAttributes.cs it writes";

    [Fact]
    public void The_sqlite_compiled_model_maps_what_the_configuration_maps() =>
        Same(DatabaseTarget.Sqlite(Path.Combine(Path.GetTempPath(), "pilote-model-check.db")), "Sqlite");

    [Fact]
    public void The_postgres_compiled_model_maps_what_the_configuration_maps() =>
        Same(DatabaseTarget.Postgres("Host=127.0.0.1;Database=model_check"), "Postgres");

    private static void Same(DatabaseTarget target, string provider)
    {
        using var compiled = new PiloteDb(target.Options(compiledModel: true));
        using var written = new PiloteDb(target.Options(compiledModel: false));
        var expected = Mapping(written.Model);
        var actual = Mapping(compiled.Model);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            string.Format(CultureInfo.InvariantCulture, Regenerate, provider)
            + $"\nexpected, not in the compiled model:\n  {string.Join("\n  ", missing.Take(20))}\ncompiled, not expected:\n  {string.Join("\n  ", extra.Take(20))}");
        // The comparison itself must see the model: tables, their columns and keys.
        Assert.Contains(actual, l => l.StartsWith("table actions", StringComparison.Ordinal));
        Assert.True(actual.Count > 300, $"only {actual.Count} mapping lines");
    }

    // One line per fact of the mapping that reads or writes rows: tables, columns (store type, nullability, the
    // property and converter behind them), keys, foreign keys with their delete rule, indexes, concurrency tokens.
    private static List<string> Mapping(IModel model)
    {
        var lines = new List<string>();
        foreach (var table in model.GetRelationalModel().Tables)
        {
            lines.Add($"table {table.Name} {table.Schema}");
            foreach (var c in table.Columns)
            {
                lines.Add($"column {table.Name}.{c.Name} {c.StoreType} null={c.IsNullable} "
                    + string.Join(",", c.PropertyMappings.Select(m =>
                        $"{m.Property.DeclaringType.Name}.{m.Property.Name}:{m.Property.ClrType.Name}"
                        + $" conv={m.Property.GetTypeMapping().Converter?.ProviderClrType.Name} gen={m.Property.ValueGenerated}"
                        + $" token={m.Property.IsConcurrencyToken} max={m.Property.GetMaxLength()}"
                        + $" prec={m.Property.GetPrecision()},{m.Property.GetScale()}")));
            }
            if (table.PrimaryKey is { } pk)
                lines.Add($"pk {table.Name} {pk.Name} ({string.Join(",", pk.Columns.Select(c => c.Name))})");
            foreach (var u in table.UniqueConstraints)
                lines.Add($"unique {table.Name} {u.Name} ({string.Join(",", u.Columns.Select(c => c.Name))})");
            foreach (var fk in table.ForeignKeyConstraints)
                lines.Add($"fk {table.Name} {fk.Name} ({string.Join(",", fk.Columns.Select(c => c.Name))}) -> "
                    + $"{fk.PrincipalTable.Name} ({string.Join(",", fk.PrincipalColumns.Select(c => c.Name))}) {fk.OnDeleteAction}");
            foreach (var i in table.Indexes)
                lines.Add($"index {table.Name} {i.Name} ({string.Join(",", i.Columns.Select(c => c.Name))}) unique={i.IsUnique} filter={i.Filter}");
        }
        foreach (var e in model.GetEntityTypes())
        {
            lines.Add($"entity {e.Name} table={e.GetTableName()} key=({string.Join(",", e.FindPrimaryKey()?.Properties.Select(p => p.Name) ?? [])})");
            foreach (var n in e.GetNavigations())
                lines.Add($"navigation {e.Name}.{n.Name} -> {n.TargetEntityType.Name} collection={n.IsCollection}");
            foreach (var fk in e.GetForeignKeys())
                lines.Add($"relationship {e.Name} ({string.Join(",", fk.Properties.Select(p => p.Name))}) -> {fk.PrincipalEntityType.Name} "
                    + $"delete={fk.DeleteBehavior} required={fk.IsRequired} unique={fk.IsUnique}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
