using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

/// <summary>
/// Input errors that were worded in English only now speak French by default: the whole line in French, and the
/// same line in English with <c>--lang en</c>; exit code 2 both times, nothing written.
/// </summary>
public sealed class LocalizedInputErrorTests
{
    private static readonly (string[] Args, string French, string English)[] Cases =
    [
        (["plan", "new", "--name", "Gamma", "--template", "fantaisie"],
            "pilote: --template : « fantaisie » n'est pas un modèle (utilisez kpi-driven, numerique ou vierge)",
            "pilote: --template: 'fantaisie' is not a template (use kpi-driven, numerique or vierge)"),
        (["plan", "new", "--name", "X", "--currency", "EURO"],
            "pilote: --currency : « EURO » n'est pas un code de devise ISO (EUR, USD, GBP…)",
            "pilote: --currency: 'EURO' is not an ISO currency code (EUR, USD, GBP…)"),
        (["review", "decide", "LocalScope", "--week", "2026-W46", "--action", "Newsletter", "--decision", "accept", "--reason", "  "],
            "pilote: --reason : une décision a besoin de sa justification",
            "pilote: --reason: a decision needs its rationale"),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Input_errors_speak_french_by_default_and_english_with_lang_en(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        var before = await CliRun.CountsAsync(db);

        foreach (var (args, french, english) in Cases)
        {
            var fr = await CliRun.RunAsync(db, args);
            Assert.True(fr.Exit == 2, $"{string.Join(' ', args)}: {fr}");
            Assert.Equal(french, Assert.Single(fr.ErrLines));

            var en = await CliRun.RunAsync(db, [.. args, "--lang", "en"]);
            Assert.True(en.Exit == 2, $"{string.Join(' ', args)} --lang en: {en}");
            Assert.Equal(english, Assert.Single(en.ErrLines));
        }

        Assert.Equal(before, await CliRun.CountsAsync(db));
        Assert.Empty((await CliRun.JsonAsync(db, "review", "log", "LocalScope")).EnumerateArray());
    }
}
