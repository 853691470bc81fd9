using Pilote.App.Cli;

// One binary: `pilote serve` starts the web app and the API; every other verb is the command line.
return await PiloteCli.RunAsync(args, CliHost.FromConsole());
