using Pilote.Data;
using Pilote.Measurements;
using Pilote.Office.Reading;

namespace Pilote.App.Imports;

/// <summary>
/// The measurements importer as every door builds it (command line, imports page and its preview, API): with the
/// workbook reader, which lives in Pilote.Office. The page and the API built it without, so the .xlsx a tool exports
/// (Meta Ads Manager's, a Google Ads report downloaded as Excel) imported from the command line and was refused on
/// the web as « not a known export ».
/// </summary>
public static class Importers
{
    public static MeasurementImporter Measurements(PiloteDb db, TimeProvider clock, string? who) =>
        new(db, clock, who, new WorkbookExportRows());
}
