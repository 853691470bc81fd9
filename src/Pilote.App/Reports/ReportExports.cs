using Pilote.Common;
using Pilote.Data;
using Pilote.Office.Reports;
using Pilote.Reports;

namespace Pilote.App.Reports;

/// <summary>Builds a committee report and writes it as HTML or PowerPoint: shared by <c>pilote report</c> and the web app.</summary>
public static class ReportExports
{
    public static readonly string[] FormatIds = ["html", "pptx"];

    public static string Format(string? text)
    {
        var id = text?.Trim().ToLowerInvariant() ?? "";
        return FormatIds.Contains(id) ? id
            : throw new PiloteInputException($"--format : « {text} » n'est pas un format de rapport (utilisez {string.Join(" ou ", FormatIds)})",
                $"--format: '{text}' is not a report format (use {string.Join(" or ", FormatIds)})");
    }

    public static void Write(CommitteeReport report, string format, Stream output)
    {
        if (format == "pptx")
        {
            PptxReportWriter.Write(report, output);
            return;
        }
        using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
        writer.Write(HtmlReportWriter.Write(report));
    }

    /// <summary>Writes the file through <see cref="OutputFiles"/>: a failed report never leaves half a file.</summary>
    public static async Task<CommitteeReport> WriteFileAsync(PiloteDb db, int planId, string format, string path, DateOnly? from, DateOnly? to,
        DateOnly today, bool french, TimeProvider clock, CancellationToken ct)
    {
        var report = await CommitteeReportService.BuildAsync(db, planId, from, to, today, french, clock, ct);
        await OutputFiles.WriteAsync(path, stream =>
        {
            Write(report, format, stream);
            return Task.CompletedTask;
        });
        return report;
    }
}
