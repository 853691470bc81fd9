using BenchmarkDotNet.Running;
using Pilote.Benchmarks;

// `--compare [--rows N]`: the import pipeline against its floor and its peer, in one run, on one generated file.
// `decisions [SEEDS [MAX_CHANGE [MARGIN]]]`: decision quality of the weekly review on simulated quarters.
// `web [--seconds 10] [--provider sqlite|postgres]`: the API's dashboard endpoint against a bare endpoint, driven by wrk.
// Anything else goes to BenchmarkDotNet (the micro benchmarks: numbers, dates, codes, matching).
if (args.Length > 0 && args[0] == "--compare")
    return await Compare.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "web")
    return await DashboardHttp.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "decisions")
    return DecisionQuality.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Compare).Assembly).Run(args);
return 0;
