using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pilote.App.Api;

/// <summary>
/// Lets a text field of a request take a JSON number or boolean too (<c>"budget": 5000</c> as well as <c>"5 000"</c>):
/// the domain reads every amount from text, the way people type it, so a client may send either.
/// </summary>
public sealed class LenientText : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetDecimal(out var d) ? d.ToString(CultureInfo.InvariantCulture) : reader.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw new JsonException("expected a text or a number"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
