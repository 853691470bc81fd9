using System.IO.Compression;
using Pilote.Common;

namespace Pilote.Office.Common;

/// <summary>The limits a workbook must stay within before Pilote reads it.</summary>
public sealed record XlsxLimits(
    long MaxFileBytes = 50L * 1024 * 1024,
    int MaxEntries = 2_000,
    long MaxEntryBytes = 500L * 1024 * 1024,
    double MaxCompressionRatio = 200,
    long MaxPartCharacters = 400L * 1024 * 1024);

/// <summary>
/// Checks a file claimed to be an .xlsx before any parser sees it: size, zip entry count, compression ratio (zip bombs),
/// part size, macros, encryption and content that is not a workbook at all. Each refusal is one line naming the file
/// and the reason.
/// </summary>
public static class XlsxGuard
{
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static void Check(string path, XlsxLimits? limits = null)
    {
        limits ??= new XlsxLimits();
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
            throw InputFiles.Missing(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".xlsm" or ".xltm" or ".xlam")
            throw new PiloteInputException($"{name} : les classeurs avec macros ({extension}) sont refusés ; enregistrez-le en .xlsx", $"{name}: workbooks with macros ({extension}) are refused; save it as .xlsx");
        var length = new FileInfo(path).Length;
        if (length > limits.MaxFileBytes)
            throw new PiloteInputException($"{name} : {length / (1024 * 1024)} Mo dépasse la limite de {limits.MaxFileBytes / (1024 * 1024)} Mo", $"{name}: {length / (1024 * 1024)} MB is over the {limits.MaxFileBytes / (1024 * 1024)} MB limit");

        var head = new byte[8];
        using (var f = File.OpenRead(path))
            _ = f.Read(head, 0, head.Length);
        if (head.AsSpan().StartsWith(Ole))
            throw new PiloteInputException($"{name} : le classeur est protégé par un mot de passe ou au vieux format .xls ; retirez le mot de passe ou enregistrez-le en .xlsx", $"{name}: the workbook is password-protected or in the old .xls format; remove the password or save it as .xlsx");
        if (!head.AsSpan().StartsWith(Zip))
            throw new PiloteInputException($"{name} : ce n'est pas un classeur .xlsx (le contenu n'est pas un paquet zip ; un autre fichier a-t-il été renommé ?)", $"{name}: not an .xlsx workbook (the content is not a zip package; was another file renamed?)");

        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new PiloteInputException($"{name} : classeur .xlsx illisible ({ex.Message.TrimEnd('.')})", $"{name}: not a readable .xlsx workbook ({ex.Message.TrimEnd('.')})");
        }
        using (zip)
        {
            if (zip.Entries.Count > limits.MaxEntries)
                throw new PiloteInputException($"{name} : {zip.Entries.Count} entrées zip, au-delà de la limite de {limits.MaxEntries}", $"{name}: {zip.Entries.Count} zip entries is over the limit of {limits.MaxEntries}");
            var hasWorkbook = false;
            foreach (var entry in zip.Entries)
            {
                var part = entry.FullName;
                if (part.Equals("xl/vbaProject.bin", StringComparison.OrdinalIgnoreCase) || part.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) && part.Contains("vba", StringComparison.OrdinalIgnoreCase))
                    throw new PiloteInputException($"{name} : le classeur contient des macros ({part}) ; enregistrez-le en .xlsx simple", $"{name}: the workbook contains macros ({part}); save it as a plain .xlsx");
                if (entry.Length > limits.MaxEntryBytes)
                    throw new PiloteInputException($"{name} : la partie {part} se décompresse en {entry.Length / (1024 * 1024)} Mo, au-delà de la limite", $"{name}: part {part} expands to {entry.Length / (1024 * 1024)} MB, over the limit");
                if (entry.CompressedLength > 0 && entry.Length / (double)entry.CompressedLength > limits.MaxCompressionRatio && entry.Length > 1024 * 1024)
                    throw new PiloteInputException($"{name} : la partie {part} est compressée à {entry.Length / entry.CompressedLength}:1, un taux suspect (bombe zip ?)", $"{name}: part {part} is compressed {entry.Length / entry.CompressedLength}:1, a suspicious ratio (zip bomb?)");
                // UTF-8 needs at least one byte per character: the uncompressed size bounds the characters.
                if (entry.Length > limits.MaxPartCharacters)
                    throw new PiloteInputException($"{name} : la partie {part} contient plus de {limits.MaxPartCharacters} caractères", $"{name}: part {part} holds more than {limits.MaxPartCharacters} characters");
                hasWorkbook |= part.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase);
            }
            if (!hasWorkbook)
                throw new PiloteInputException($"{name} : un fichier zip mais pas un classeur .xlsx (pas de xl/workbook.xml)", $"{name}: a zip file but not an .xlsx workbook (no xl/workbook.xml)");
        }
    }
}
