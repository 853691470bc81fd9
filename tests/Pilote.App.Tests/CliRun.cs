using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pilote.App.Cli;
using Pilote.Testing;

namespace Pilote.App.Tests;

/// <summary>What one in-process run of the CLI produced.</summary>
public sealed record CliResult(int Exit, string Out, string Err)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    /// <summary>The non-empty lines written to stderr.</summary>
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {Exit}\nstdout:\n{Out}\nstderr:\n{Err}";
}

/// <summary>Runs <c>pilote</c> in-process with string writers, a fixed clock (22 Nov 2026) and a clean environment.</summary>
public static class CliRun
{
    public static readonly DateOnly Today = new(2026, 11, 22);

    /// <summary>The provider names of <see cref="TestDatabase.Providers"/>, to combine with other theory data.</summary>
    public static IEnumerable<string> ProviderNames => ((IEnumerable<object[]>)TestDatabase.Providers).Select(p => (string)p[0]);

    public static async Task<CliResult> RunAsync(TimeProvider clock, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost(output, error, clock, name => name == "PILOTE_USER" ? "testeur" : null);
        var exit = await PiloteCli.RunAsync(args, host);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command against a test database (adds <c>--db</c>).</summary>
    public static Task<CliResult> RunAsync(TestDatabase db, params string[] args) =>
        RunAsync(new FixedClock(Today.Year, Today.Month, Today.Day), [.. args, "--db", db.DbArgument]);

    /// <summary>Runs a command that must succeed, failing the test with its output otherwise.</summary>
    public static async Task<CliResult> OkAsync(TestDatabase db, params string[] args)
    {
        var result = await RunAsync(db, args);
        Assert.True(result.Exit == 0, $"pilote {string.Join(' ', args)} failed: {result}");
        return result;
    }

    /// <summary>Runs a command with --json that must succeed and returns its JSON.</summary>
    public static async Task<JsonElement> JsonAsync(TestDatabase db, params string[] args) =>
        (await OkAsync(db, [.. args, "--json"])).Json;

    /// <summary>Row counts of the tables a command could write to, to prove a refused command wrote nothing.</summary>
    public static async Task<(int Plans, int Actions, int Measurements, int Objectives, int Comments, int TargetChanges, int Workspaces)> CountsAsync(TestDatabase db)
    {
        await using var ctx = db.Open();
        return (await ctx.Plans.CountAsync(), await ctx.Actions.CountAsync(), await ctx.Measurements.CountAsync(),
            await ctx.Objectives.CountAsync(), await ctx.ActionComments.CountAsync(), await ctx.TargetChanges.CountAsync(),
            await ctx.Workspaces.CountAsync());
    }
}

public static class JsonExtensions
{
    public static string? Str(this JsonElement e, string name) => e.GetProperty(name).GetString();

    public static decimal? Num(this JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    public static List<JsonElement> Items(this JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray()];

    public static List<string?> Strings(this JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetString())];

    public static bool IsNull(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null;
}
