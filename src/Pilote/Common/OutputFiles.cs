namespace Pilote.Common;

/// <summary>Writing a file a person named with <c>-o</c>: shared by the export and report commands.</summary>
public static class OutputFiles
{
    /// <summary>
    /// Writes to a temporary file beside the target, then moves it: a failed write never leaves half a file. The target's
    /// folder must exist and the target must not be a folder (a path typed without its file name, a tab completion that
    /// stopped short), which would otherwise surface as an IOException and a stack trace once the file was written.
    /// </summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new PiloteInputException($"-o : « {path} » est un dossier ; donnez le nom du fichier à écrire",
                $"-o: '{path}' is a folder; give the name of the file to write");
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new PiloteInputException($"-o : le dossier « {folder} » n'existe pas", $"-o: the folder '{folder}' does not exist");
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = File.Create(temp))
                await write(stream);
            File.Move(temp, full, overwrite: true);
        }
        catch (UnauthorizedAccessException)
        {
            throw new PiloteInputException($"-o : pas le droit d'écrire « {path} »", $"-o: no permission to write '{path}'");
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
