using System.Text.Json;

namespace Dragline.Lab;

/// <summary>The lab's state file (<c>lab.json</c>, mode 0600, replaced atomically) that status and down read.</summary>
public static class LabStateFile
{
    public const string FileName = "lab.json";

    public static string PathIn(string stateDirectory) => Path.Combine(stateDirectory, FileName);

    /// <summary>Loads the saved state, or null when there is none.</summary>
    public static LabState? Load(string stateDirectory)
    {
        string file = PathIn(stateDirectory);
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(file), LabJsonContext.Default.LabState);
        }
        catch (JsonException ex)
        {
            throw new LabException($"the lab state file '{file}' cannot be read ({ex.Message}); 'dragline lab down' cleans up by name without it after you remove it", ex);
        }
    }

    public static void Save(LabState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the lab runs on Linux only");
        }

        string file = PathIn(state.StateDirectory);
        string temporary = file + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, state, LabJsonContext.Default.LabState);
        }

        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, file, overwrite: true);
    }
}
