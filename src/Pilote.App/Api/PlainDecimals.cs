using System.Text.Json.Serialization.Metadata;

namespace Pilote.App.Api;

/// <summary>
/// Every decimal the API writes, at the smallest scale that holds it (50000, 3.5): PostgreSQL's numeric(18,4) reads back
/// as 50000.0000 and SQLite's as 50000.0, and the same plan must read the same on both. Applied to the properties'
/// getters rather than with a converter: a custom decimal converter erases the number type from the OpenAPI schemas.
/// </summary>
public static class PlainDecimals
{
    public static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
            return;
        foreach (var property in info.Properties)
        {
            if (property.Get is not { } get)
                continue;
            if (property.PropertyType == typeof(decimal))
                property.Get = o => Plain((decimal)get(o)!);
            else if (property.PropertyType == typeof(decimal?))
                property.Get = o => get(o) is decimal d ? Plain(d) : null;
            // The review's numbers behind a recommendation, also read back from the snapshot kept in the database.
            else if (property.PropertyType == typeof(IReadOnlyDictionary<string, decimal?>))
                property.Get = o => get(o) is IReadOnlyDictionary<string, decimal?> numbers
                    ? numbers.ToDictionary(n => n.Key, n => n.Value is { } d ? Plain(d) : (decimal?)null)
                    : null;
        }
    }

    // Dividing by 1 with 28 decimal places gives the same value at the smallest scale that holds it exactly.
    public static decimal Plain(decimal value) => value / 1.0000000000000000000000000000m;
}
