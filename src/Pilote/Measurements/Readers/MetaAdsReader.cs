namespace Pilote.Measurements.Readers;

/// <summary>
/// Meta Ads Manager CSV: byte-order mark, an unnamed first row that is the account total, "Amount spent (EUR)" in the
/// account's currency, "Reporting starts/ends" per row, breakdown columns (age, device, region…) whose rows add up
/// per campaign, and "No data available." when the report is empty.
/// </summary>
public sealed class MetaAdsReader : TableReader
{
    public override string Source => "meta-ads";

    protected override bool IsTotals(IExportRows rows, ColumnMap map, bool firstData) =>
        firstData && map.Key is { } key && rows.Span(key).Trim().Length == 0;

    protected override (ColumnRole, string?) Classify(string h)
    {
        if (StartsWith(h, "amount spent", "montant dépensé"))
            return (ColumnRole.Metric, "spend");
        return h switch
        {
            "campaign name" or "nom de la campagne" or "ad set name" or "nom de l'ensemble de publicités" or "ad name" or "nom de la publicité"
                => (ColumnRole.Key, null),
            "reporting starts" or "début des rapports" => (ColumnRole.Start, null),
            "reporting ends" or "fin des rapports" => (ColumnRole.End, null),
            "day" or "jour" => (ColumnRole.Date, null),
            "reach" or "couverture" => (ColumnRole.Metric, "reach"),
            "impressions" => (ColumnRole.Metric, "impressions"),
            "link clicks" or "clics sur un lien" or "clicks (all)" or "clics (tous)" => (ColumnRole.Metric, "clicks"),
            "purchases" or "achats" => (ColumnRole.Metric, "conversions"),
            "leads" or "prospects" => (ColumnRole.Metric, "leads"),
            "post shares" or "partages de publications" => (ColumnRole.Metric, "shares"),
            "post engagement" or "interactions avec la publication" => (ColumnRole.Metric, "interactions"),
            _ => (ColumnRole.Ignored, null),
        };
    }
}

/// <summary>Mailchimp campaign lists and reports: one row per campaign sent, "27.27%" rates and "n/a" for none.</summary>
public sealed class MailchimpReader : TableReader
{
    public override string Source => "mailchimp";

    protected override (ColumnRole, string?) Classify(string h) => h switch
    {
        "title" or "campaign title" or "campaign name" => (ColumnRole.Key, null),
        "send date" or "date d'envoi" or "sent date" => (ColumnRole.Date, null),
        // A campaign list has only the recipients; a report has the deliveries, which win (they come first in the map).
        "successful deliveries" or "total recipients" or "emails sent" => (ColumnRole.Metric, "delivered"),
        "unique opens" => (ColumnRole.Metric, "unique_opens"),
        "unique clicks" or "unique subscriber clicks" => (ColumnRole.Metric, "unique_clicks"),
        _ => (ColumnRole.Ignored, null),
    };
}

/// <summary>Brevo (Sendinblue) campaign exports, in French (semicolons, decimal commas) or English.</summary>
public sealed class BrevoReader : TableReader
{
    public override string Source => "brevo";

    protected override bool CommaIsDecimal(char delimiter) => delimiter != ',';

    protected override (ColumnRole, string?) Classify(string h) => h switch
    {
        "campaign name" or "nom de la campagne" or "campagne" or "campaign" => (ColumnRole.Key, null),
        "sent date" or "date d'envoi" or "send date" or "date" => (ColumnRole.Date, null),
        "delivered" or "délivrés" or "emails délivrés" => (ColumnRole.Metric, "delivered"),
        "unique opens" or "ouvertures uniques" or "openers" or "ouvreurs" => (ColumnRole.Metric, "unique_opens"),
        "unique clicks" or "clics uniques" or "clickers" or "cliqueurs" => (ColumnRole.Metric, "unique_clicks"),
        _ => (ColumnRole.Ignored, null),
    };
}
