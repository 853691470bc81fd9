using System.Globalization;
using System.Net;
using System.Security.Claims;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.App.Tests.Api;
using Pilote.Common;

namespace Pilote.App.Tests.Access;

/// <summary>
/// The gate's refusals read like the domain's: in English in the API's problems (as every API problem), and in the
/// reader's language on a page, which shows the refusal of a write whose role was lowered while the page was open.
/// </summary>
public sealed class WorkspaceGateTests
{
    [Fact]
    public async Task Something_elsewhere_reads_as_not_found_in_the_api_and_in_french_on_a_page()
    {
        await using var host = await ApiHost.StartAsync("sqlite");
        var plan = host.PlanA.ToString(CultureInfo.InvariantCulture);

        // The API: another workspace's plan and a plan that does not exist answer the same problem, worded as the domain's.
        using var elsewhere = await host.Client(Caller.Outsider).GetAsync($"/api/v1/plans/{plan}");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal($"plan #{plan} not found", (await elsewhere.JsonAsync()).Str("detail"));
        using var missing = await host.Client(Caller.Outsider).GetAsync("/api/v1/plans/999999");
        Assert.Equal("plan #999999 not found", (await missing.JsonAsync()).Str("detail"));
        using var forbidden = await host.Client(Caller.Viewer).DeleteAsync($"/api/v1/actions/{host.ActionA}");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal($"action #{host.ActionA}: the editor role is needed, you are viewer", (await forbidden.JsonAsync()).Str("detail"));

        // The pages show the same refusals in the reader's language.
        await using var db = host.Db.Open();
        var gate = new WorkspaceGate(db, host.Clock);
        var outsider = await Assert.ThrowsAsync<NotFoundException>(() => gate.RequirePlanAsync(Person(host, Caller.Outsider), host.PlanA, WorkspaceRole.Viewer));
        Assert.Equal($"plan n°{plan} introuvable", outsider.Say(french: true));
        var viewer = await Assert.ThrowsAsync<ForbiddenException>(() => gate.RequireActionAsync(Person(host, Caller.Viewer), host.ActionA, WorkspaceRole.Editor));
        Assert.Equal($"action n°{host.ActionA} : il faut le rôle éditeur, vous êtes lecteur", viewer.Say(french: true));
        var workspace = await Assert.ThrowsAsync<NotFoundException>(() => gate.RequireAsync(Person(host, Caller.Outsider), host.WorkspaceA, WorkspaceRole.Editor));
        Assert.Equal($"espace n°{host.WorkspaceA} introuvable", workspace.Say(french: true));
        Assert.Equal($"workspace #{host.WorkspaceA} not found", workspace.Say(french: false));
    }

    /// <summary>A signed-in person as the web app's session gives them to the gate: their user id.</summary>
    private static ClaimsPrincipal Person(ApiHost host, Caller caller) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, host.UserIds[caller].ToString(CultureInfo.InvariantCulture))], "test"));
}
