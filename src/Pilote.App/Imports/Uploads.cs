using Microsoft.AspNetCore.Components.Forms;

namespace Pilote.App.Imports;

/// <summary>
/// Where a file dropped in the browser waits while its preview is read and until it is confirmed or discarded: the
/// imports page and the workspaces page's plan from a spreadsheet keep their uploads the same way.
/// </summary>
internal static class Uploads
{
    /// <summary>The largest file a page takes; the readers have their own, stricter limits on what is inside.</summary>
    public const long MaxBytes = 100L * 1024 * 1024;

    /// <summary>A path for the file, in a folder of its own, so that two files of the same name never meet.</summary>
    public static string PathFor(string fileName)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pilote-uploads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Path.GetFileName(fileName));
    }

    public static async Task CopyAsync(IBrowserFile file, string path)
    {
        await using var target = File.Create(path);
        await using var source = file.OpenReadStream(MaxBytes);
        await source.CopyToAsync(target);
    }

    /// <summary>Removes the file once it is stored or discarded; a file already gone is not an error.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
