using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pilote.Data;
using Spectre.Console;

namespace Pilote.App.Cli;

/// <summary>One command run: the parsed flags, the database it talks to and how it writes.</summary>
public sealed class CliContext(CliHost host, ParseResult parse)
{
    /// <summary>How Pilote writes JSON everywhere: --json output and JSON exports.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new PlainDecimalConverter() },
    };

    public CliHost Host { get; } = host;
    public ParseResult Parse { get; } = parse;
    public DatabaseTarget Target { get; } = DatabaseTarget.Resolve(parse.GetValue<string?>(PiloteCli.DbOption), host.Environment);

    public bool French => PiloteCli.IsFrench(Parse.GetValue<string?>(PiloteCli.LangOption), Host);

    public CultureInfo Culture(string planCulture) => Common.Formats.ForReader(French, planCulture);

    public string T(string fr, string en) => French ? fr : en;

    /// <summary>A number of actions as a sentence says it: « 1 action », « 1 000 000 actions », "0 actions" in English.</summary>
    public string Actions(int count) => Common.Formats.Many(count, "action", "actions", French);

    /// <summary>Opens the database, migrating SQLite, and refusing a PostgreSQL database that is not migrated.</summary>
    public async Task<PiloteDb> OpenAsync(CancellationToken ct)
    {
        await Target.EnsureMigratedAsync(ct);
        return Target.Open();
    }

    public void WriteJson<T>(T value) => Host.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    public IAnsiConsole Console => _console ??= Host.Console();
    private IAnsiConsole? _console;
}

/// <summary>
/// Writes decimals without trailing zeros. PostgreSQL's numeric(18,4) comes back as 50000.0000 and SQLite's as
/// 50000.0: without this the same plan printed different JSON depending on the database.
/// </summary>
internal sealed class PlainDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Api.PlainDecimals.Plain(value));
}
