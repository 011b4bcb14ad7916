using System.Text;
using System.Text.Json;
using Dragline.Core;

namespace Dragline.DevicePlugin.Pools;

/// <summary>
/// The device-info files of the Device Information Specification that Multus copies into the CNI's
/// <c>runtimeConfig.CNIDeviceInfoFile</c>: <c>DIR/&lt;prefix&gt;-&lt;name&gt;-&lt;pci&gt;-device.json</c>,
/// written on Allocate, readable by root only, and removed with their pool.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DeviceInfoFiles
{
    /// <summary>The directory the device plugin writes to, as Multus expects it.</summary>
    public const string DefaultDirectory = DevicePluginHostOptions.DefaultDeviceInfoDirectory;

    /// <summary>The version written (the NAD client library's constant; readers accept any).</summary>
    public const string SpecVersion = "1.0.0";

    private const UnixFileMode ReadOnlyByOwner = UnixFileMode.UserRead;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public DeviceInfoFiles(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary>The file of one device: resource name and device ID with <c>/</c> replaced by <c>-</c>.</summary>
    public string PathOf(string fullResourceName, string deviceId) =>
        Path.Combine(Directory, $"{fullResourceName.Replace('/', '-')}-{deviceId.Replace('/', '-')}-device.json");

    /// <summary>The JSON of a PCI device's file.</summary>
    public static string PciContent(string pciAddress, IReadOnlyList<string> rdmaDevices, string? pfPciAddress, string? vhostNet)
    {
        ArgumentNullException.ThrowIfNull(rdmaDevices);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "pci");
            json.WriteString("version", SpecVersion);
            json.WriteStartObject("pci");
            json.WriteString("pci-address", pciAddress);
            if (vhostNet is not null)
            {
                json.WriteString("vhost-net", vhostNet);
            }

            if (rdmaDevices.Count > 0)
            {
                json.WriteString("rdma-device", string.Join(',', rdmaDevices));
            }

            if (pfPciAddress is not null)
            {
                json.WriteString("pf-pci-address", pfPciAddress);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes (replacing) one file with mode 0400, through a temporary file and a rename.</summary>
    public void Write(string fullResourceName, string deviceId, string content)
    {
        string path = PathOf(fullResourceName, deviceId);
        string temporary = path + ".tmp";
        try
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.CreateDirectory(Directory, DirectoryMode);
            }

            File.Delete(temporary);
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = ReadOnlyByOwner,
            }))
            {
                stream.Write(Encoding.UTF8.GetBytes(content));
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DevicePluginException(DraglineErrorReason.System,
                $"cannot write the device-info file '{path}': {e.Message}; the device plugin must be able to write {Directory} (run as root)", e);
        }
    }

    /// <summary>Removes every file of one resource.</summary>
    public void DeleteAll(string fullResourceName)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        string prefix = fullResourceName.Replace('/', '-') + "-";
        foreach (string file in System.IO.Directory.EnumerateFiles(Directory, "*-device.json"))
        {
            string name = Path.GetFileName(file);
            if (name.StartsWith(prefix, StringComparison.Ordinal) && IsDeviceFileOf(name, prefix))
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Someone removed it meanwhile.
                }
            }
        }
    }

    // "spidernet.io-a-0000:86:00.2-device.json" belongs to spidernet.io/a, not to spidernet.io/a-b: what follows the
    // prefix must be a device ID without '-' (PCI addresses have none) before "-device.json".
    private static bool IsDeviceFileOf(string name, string prefix)
    {
        const string Suffix = "-device.json";
        if (name.Length <= prefix.Length + Suffix.Length)
        {
            return false;
        }

        string rest = name[prefix.Length..^Suffix.Length];
        return rest.Length > 0 && !rest.Contains('-', StringComparison.Ordinal);
    }
}
