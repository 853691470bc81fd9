using Pilote.Common;

namespace Pilote.Audit;

/// <summary>
/// Where the findings are read. A hint names the place to fix things: a command on the command line (and for the API's
/// scripts), a page and its section in the web app and in the committee report a team reads.
/// </summary>
public enum AuditSurface
{
    CommandLine,
    WebApp,
}

public enum Severity
{
    Error,
    Warning,
    Info,
}

/// <summary>One thing the audit found: a stable rule id, how serious it is, what it is about, and how to fix it.</summary>
/// <param name="Subject">Who it is about, as a person reads it: « action #12 Ads Google ».</param>
/// <param name="SubjectType">plan, objective, action or kpi.</param>
public sealed record AuditFinding(
    string Rule,
    Severity Severity,
    string SubjectType,
    int SubjectId,
    string Subject,
    string Message,
    string Hint);

/// <summary>The audit of a plan: its findings, worst first, and a score from 0 (blind) to 100 (nothing found).</summary>
public sealed record AuditResult(int Score, IReadOnlyList<AuditFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);
    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);

    /// <summary>« Score 72/100 — 1 erreur, 3 avertissements, 0 info », as the CLI, the HTML report and the deck print it.</summary>
    public string Summary(bool french) => $"Score {Score}/100 — {Counts(french)}";

    /// <summary>« 1 erreur, 3 avertissements, 0 info »: French puts 0 and 1 in the singular (no more « erreur(s) »).</summary>
    public string Counts(bool french) => french
        ? $"{Formats.Many(Count(Severity.Error), "erreur", "erreurs", true)}, {Formats.Many(Count(Severity.Warning), "avertissement", "avertissements", true)}, {Formats.Many(Count(Severity.Info), "info", "infos", true)}"
        : $"{Formats.Many(Count(Severity.Error), "error", "errors", false)}, {Formats.Many(Count(Severity.Warning), "warning", "warnings", false)}, {Count(Severity.Info)} info";
}

public static class SeverityIds
{
    public static string ToId(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static string Label(this Severity severity, bool french) => severity switch
    {
        Severity.Error => french ? "erreur" : "error",
        Severity.Warning => french ? "avertissement" : "warning",
        _ => "info",
    };
}
