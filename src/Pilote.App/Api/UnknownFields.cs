using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pilote.App.Api;

/// <summary>
/// What a 400 says of a field the request does not take: the fields it does take, and the nearest one when the field
/// looks like a typo of it (« stauts » → status), so that a script's author fixes it without opening the OpenAPI file.
/// </summary>
public static partial class UnknownFields
{
    public static string Describe(string field, string serializerMessage)
    {
        var known = Known(serializerMessage);
        if (known.Count == 0)
            return $"{field}: unknown field, not one this request takes (check its spelling; /openapi/v1.json lists the fields)";
        var name = field[(field.LastIndexOf('.') + 1)..];
        var nearest = known.Select(k => (Name: k, Distance: Distance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(k => k.Distance <= Math.Max(1, name.Length / 3)).OrderBy(k => k.Distance).Select(k => k.Name).FirstOrDefault();
        return $"{field}: unknown field{(nearest is null ? "" : $" (did you mean '{nearest}'?)")}; this request takes {string.Join(", ", known)}";
    }

    // The serializer names the input type ("…contained in type 'Pilote.Actions.ActionFields'"); its JSON names are the
    // web defaults the API writes (camelCase), read from the serializer's own contract, not listed by hand.
    private static List<string> Known(string message)
    {
        var m = TypeName().Match(message);
        if (!m.Success)
            return [];
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(m.Groups["type"].Value)).FirstOrDefault(t => t is not null);
        return type is null ? [] : [.. JsonSerializerOptions.Web.GetTypeInfo(type).Properties.Where(p => p.Set is not null).Select(p => p.Name)];
    }

    // Edits between two names, a swap of two neighbours counting as one (« stauts » is one from status, two from start).
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"contained in type '(?<type>[^']+)'")]
    private static partial Regex TypeName();
}
