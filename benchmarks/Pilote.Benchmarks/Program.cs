using BenchmarkDotNet.Running;
using Pilote.Benchmarks;

// `--compare [--rows N]`: the import pipeline against its floor and its peer, in one run, on one generated file.
// `excel [--actions 100000]`: workbook export and import against the bare OpenXmlWriter loop, XlsxWriter and openpyxl.
// `decisions [SEEDS [MAX_CHANGE [MARGIN]]]`: decision quality of the weekly review on simulated quarters.
// `web [--seconds 10] [--provider sqlite|postgres]`: the API's dashboard endpoint against a bare endpoint, driven by wrk.
// Anything else goes to BenchmarkDotNet (the micro benchmarks: numbers, dates, codes, matching).
if (args.Length > 0 && args[0] == "--compare")
    return await Compare.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "excel")
    return await Pilote.Benchmarks.Excel.ExcelBench.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "excel-child")
    return await Pilote.Benchmarks.Excel.ExcelChild.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "--dashboard")
    return await Dashboard.RunAsync(args[1..]);
if (args.Length > 1 && args[0] == "probe")
{
    Probe.Run(args[1]);
    return 0;
}
if (args.Length > 0 && args[0] == "web")
    return await DashboardHttp.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "decisions")
    return DecisionQuality.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Compare).Assembly).Run(args);
return 0;
