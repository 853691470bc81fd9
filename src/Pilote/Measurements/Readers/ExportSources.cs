using Pilote.Common;

namespace Pilote.Measurements.Readers;

/// <summary>The sources Pilote reads, and how a file is recognised as one of them.</summary>
public static class ExportSources
{
    public static readonly string[] All = ["ga4", "google-ads", "meta-ads", "mailchimp", "brevo", "generic"];

    public static ExportReader Reader(string source, Func<string, string?> metricOf) => source switch
    {
        "ga4" => new Ga4Reader { MetricOf = metricOf },
        "google-ads" => new GoogleAdsReader { MetricOf = metricOf },
        "meta-ads" => new MetaAdsReader { MetricOf = metricOf },
        "mailchimp" => new MailchimpReader { MetricOf = metricOf },
        "brevo" => new BrevoReader { MetricOf = metricOf },
        "generic" => new GenericReader(metricOf) { MetricOf = metricOf },
        _ => throw new PiloteInputException($"--source: '{source}' is not a source (auto, {string.Join(", ", All)})"),
    };

    /// <summary>The source a file comes from, by its first lines; null when nothing fits.</summary>
    public static string? Detect(string head)
    {
        var lines = head.Replace("\r", "").Split('\n').Where(l => l.Trim().Length > 0).Take(6).ToList();
        if (lines.Count == 0)
            return null;
        if (lines[0].StartsWith('#'))
            return "ga4";
        var text = ColumnMap.Normalize(string.Join(' ', lines.Take(4)));
        if (text.Contains("reporting starts") || text.Contains("début des rapports") || text.Contains("amount spent (") || text.Contains("montant dépensé ("))
            return "meta-ads";
        if ((text.Contains("campaign") || text.Contains("campagne")) && (text.Contains("impr.") || text.Contains("currency code") || text.Contains("code de devise")))
            return "google-ads";
        if (text.Contains("unique id") || text.Contains("total recipients") || text.Contains("successful deliveries"))
            return "mailchimp";
        if (text.Contains("délivrés") || text.Contains("delivered") && (text.Contains("openers") || text.Contains("unique opens")))
            return "brevo";
        var header = ColumnMap.Normalize(lines[0]);
        if (header.Contains("metric") || header.Contains("métrique") || header.Contains("valeur") || header.Contains("value")
            || (header.Contains("date") || header.Contains("start") || header.Contains("début")) && (header.Contains("action") || header.Contains("campa")))
            return "generic";
        return null;
    }

    /// <summary>
    /// The tool a file is an export of (GA4, Google Ads, Meta Ads, Mailchimp, Brevo), by its first lines; null for
    /// anything else, a team's own spreadsheet included. Stricter than <see cref="Detect"/>, whose "generic" reads any
    /// table with dates and actions, and whose GA4 is any first line starting with '#' (a plan's numbering column).
    /// </summary>
    public static string? ToolOf(string head) => Detect(head) switch
    {
        "ga4" => head.TrimStart().StartsWith("# ---", StringComparison.Ordinal) ? "ga4" : null,
        "generic" or null => null,
        var tool => tool,
    };

    /// <summary>What a tool's name reads as in a sentence: « Meta Ads », « Google Analytics 4 ».</summary>
    public static string ToolName(string source) => source switch
    {
        "ga4" => "Google Analytics 4",
        "google-ads" => "Google Ads",
        "meta-ads" => "Meta Ads",
        "mailchimp" => "Mailchimp",
        "brevo" => "Brevo",
        _ => source,
    };

    /// <summary>The source to read a file with: the one asked for, checked against what the file looks like, or the detected one.</summary>
    public static string Resolve(string path, string? asked) => Resolve(ExportFile.Open(path), asked);

    public static string Resolve(ExportFile file, string? asked)
    {
        var name = file.Name;
        var head = file.Head;
        if (head.Trim().Length == 0)
            throw new PiloteInputException($"{name} : le fichier est vide", $"{name}: the file is empty");
        var detected = Detect(head);
        var firstLine = head.Replace("\r", "").Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        firstLine = Formats.Excerpt(file.IsWorkbook ? firstLine.Replace('\t', ',') : firstLine, 80);
        if (asked is null or "auto")
            return detected ?? throw new PiloteInputException(
                $"{name} : {(file.IsWorkbook ? "un classeur" : "un export")} que Pilote ne reconnaît pas (première ligne : « {firstLine} ») ; sources : {string.Join(", ", All)} (précisez --source)",
                $"{name}: not a known {(file.IsWorkbook ? "workbook" : "export")} (first line: '{firstLine}'); sources: {string.Join(", ", All)} (use --source)");
        if (!All.Contains(asked))
            throw new PiloteInputException($"--source : « {asked} » n'est pas une source (auto, {string.Join(", ", All)})",
                $"--source: '{asked}' is not a source (auto, {string.Join(", ", All)})");
        if (asked != "generic" && detected != asked)
            throw new PiloteInputException(
                $"{name} : pas un export {asked} (première ligne : « {firstLine} »{(detected is null ? "" : $" ; il ressemble à {detected}")})",
                $"{name}: not a {asked} export (first line: '{firstLine}'{(detected is null ? "" : $"; it looks like {detected}")})");
        return asked;
    }
}
