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
