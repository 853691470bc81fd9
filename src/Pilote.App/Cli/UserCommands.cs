using System.CommandLine;
using Pilote.Access;
using Pilote.Common;

namespace Pilote.App.Cli;

/// <summary><c>pilote user add EMAIL [--admin] [--workspace W --role R]</c> and <c>pilote token create --user EMAIL</c>.</summary>
internal static class UserCommands
{
    public static Command BuildUser(CliHost host)
    {
        var email = Opt.Arg("EMAIL", "the person's email address (their sign-in name)");
        var admin = Opt.Flag("--admin", "system administrator: sees and manages every workspace");
        var workspace = Opt.Text("--workspace", "workspace slug, id or name to grant a role in");
        var role = Opt.Text("--role", "admin, editor or viewer (with --workspace)");
        var password = Opt.Text("--password", "initial password (at least 8 characters); generated and printed when omitted");
        var lang = Opt.Text("--culture", "the person's language and formats: fr-FR (default for a new user), en-GB or en-US");
        var add = new Command("add", "create a user (or update one) and grant a workspace role").With(email, admin, workspace, role, password, lang);
        add.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var culture = parse.GetValue(lang);
            if (culture is not (null or "fr-FR" or "en-GB" or "en-US"))
                throw new PiloteInputException($"--culture : « {culture} » n'est pas fr-FR, en-GB ou en-US", $"--culture: '{culture}' is not one of fr-FR, en-GB, en-US");
            var result = await new AccessService(db, host.Clock).AddUserAsync(parse.GetValue(email)!, parse.GetValue(password),
                parse.GetValue(admin), parse.GetValue(workspace), ParseRole(parse.GetValue(role)), culture, ct);
            var u = result.User;
            host.Out.WriteLine(cli.T($"Utilisateur {u.Email} (#{u.Id}){(u.IsAdmin ? ", administrateur" : "")}.",
                $"User {u.Email} (#{u.Id}){(u.IsAdmin ? ", administrator" : "")}."));
            if (result.Workspace is { } w && ParseRole(parse.GetValue(role)) is { } r)
                host.Out.WriteLine(cli.T($"Rôle {WorkspaceRoles.Word(r, true)} dans l'espace « {w.Name} » (n°{w.Id}).",
                    $"Role {WorkspaceRoles.Word(r, false)} in workspace '{w.Name}' (#{w.Id})."));
            if (result.GeneratedPassword is { } generated)
                host.Out.WriteLine(cli.T($"Mot de passe initial (affiché une seule fois) : {generated}",
                    $"Initial password (shown once): {generated}"));
            return PiloteCli.Ok;
        });
        return new Command("user", "people who sign in to the web app and the API").With(add);
    }

    public static Command BuildToken(CliHost host)
    {
        var user = Opt.Text("--user", "the email of the user the token acts as", required: true);
        var name = Opt.Text("--name", "a label to recognise the token (default: cli)");
        var expires = Opt.Text("--expires", "expiry date (default: in 90 days)");
        var create = new Command("create", "create a personal API token; the secret is printed once, on the last line").With(user, name, expires);
        create.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var access = new AccessService(db, host.Clock);
            var owner = await access.GetUserAsync(parse.GetValue(user)!, ct);
            DateTimeOffset? until = parse.GetValue(expires) is { } text
                ? new DateTimeOffset(Inputs.ParseDate(text, "--expires").ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                : null;
            var issued = await access.CreateTokenAsync(owner.Id, parse.GetValue(name) ?? "cli", until, ct);
            host.Out.WriteLine(cli.T($"Jeton #{issued.Token.Id} « {issued.Token.Name} » pour {owner.Email}, valable jusqu'au {issued.Token.ExpiresAt:dd/MM/yyyy}. Conservez-le : il ne sera plus affiché.",
                $"Token #{issued.Token.Id} '{issued.Token.Name}' for {owner.Email}, valid until {issued.Token.ExpiresAt:yyyy-MM-dd}. Keep it: it will not be shown again."));
            host.Out.WriteLine(issued.Secret);
            return PiloteCli.Ok;
        });
        return new Command("token", "personal API tokens (Authorization: Bearer …)").With(create);
    }

    private static WorkspaceRole? ParseRole(string? text) => text is null
        ? null
        : WorkspaceRoles.FromWord(text) ?? throw new PiloteInputException($"--role : « {text} » n'est pas admin, editor ou viewer", $"--role: '{text}' is not one of admin, editor, viewer");
}
