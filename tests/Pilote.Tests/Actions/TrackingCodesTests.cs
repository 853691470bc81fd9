using Pilote.Actions;

namespace Pilote.Tests.Actions;

/// <summary>The one form codes are stored and matched in: what tools do to a campaign name must not break a match.</summary>
public sealed class TrackingCodesTests
{
    [Theory]
    [InlineData("t1-sea-produit")]
    [InlineData("T1 SEA Produit")]
    [InlineData("t1 sea produit")]
    [InlineData("  T1_SEA_PRODUIT ")]
    [InlineData("t1.sea.produit")]
    [InlineData("T1 – SEA – Produit")]
    [InlineData("t1\u00A0sea\u202Fproduit")]
    public void Spelling_variants_of_one_campaign_are_one_code(string spelling) =>
        Assert.Equal("t1seaproduit", TrackingCodes.Normalize(spelling));

    [Theory]
    [InlineData("LS Newsletter Décideurs", "lsnewsletterdecideurs")]
    [InlineData("Salon Équip'Hôtel", "salonequip'hotel")]
    [InlineData("PROMO-NOËL-2026", "promonoel2026")]
    [InlineData("çà et là", "caetla")]
    public void Accents_are_removed_and_case_folded(string code, string expected) =>
        Assert.Equal(expected, TrackingCodes.Normalize(code));

    [Fact]
    public void Different_campaigns_stay_different()
    {
        Assert.NotEqual(TrackingCodes.Normalize("t1-sea-produit"), TrackingCodes.Normalize("t1-sea-produit-2"));
        Assert.NotEqual(TrackingCodes.Normalize("promo10"), TrackingCodes.Normalize("promo 1"));
        // Characters that carry meaning in URLs and promo codes are kept.
        Assert.Equal("example.com/page?x=1".Replace(".", ""), TrackingCodes.Normalize("Example.com/Page?x=1"));
    }

    [Fact]
    public void A_code_of_only_separators_is_empty() => Assert.Equal("", TrackingCodes.Normalize(" - _ . "));
}
