namespace Pilote.Common;

/// <summary>The refusal of a path given as a file that is no file, shared by every command and page that reads one.</summary>
public static class InputFiles
{
    /// <summary>
    /// « fichier introuvable », or, for a folder (a path typed without its file name, a tab completion that stopped
    /// short), that it is a folder: "not found" would send the person looking for something that is there.
    /// </summary>
    public static PiloteInputException Missing(string path, bool showPath = false)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(path);
        var name = Path.GetFileName(trimmed) is { Length: > 0 } n ? n : path;
        if (Directory.Exists(path))
            return new PiloteInputException($"{name} : c'est un dossier, pas un fichier ; donnez le chemin du fichier", $"{name}: a folder, not a file; give the file's path");
        return showPath
            ? new PiloteInputException($"{name} : fichier introuvable ({path})", $"{name}: file not found ({path})")
            : new PiloteInputException($"{name} : fichier introuvable", $"{name}: file not found");
    }
}
