using System.Runtime.InteropServices;

namespace Stance.IO.Files;

/// <summary>
/// What the file system says about a path that .NET does not expose: whether it is a regular
/// file (not a device, FIFO or socket) and which file it is (device and inode), so that an output
/// is never the input under another name (a symbolic link, a linked directory, a hard link).
/// Reads <c>stat(2)</c> on Linux; elsewhere falls back to what paths can tell.
/// </summary>
public static partial class FileStatus
{
    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint RegularType = 0x8000; // S_IFREG

    /// <summary>Whether <paramref name="path"/> (after following links) is a regular file; true when the system cannot tell.</summary>
    public static bool IsRegular(string path) => Stat(path) is { } status ? (status.Mode & TypeMask) == RegularType : !path.StartsWith("/dev/", StringComparison.Ordinal);

    /// <summary>Whether the two paths name the same existing file (same device and inode; on other systems, the same resolved path).</summary>
    public static bool SameFile(string a, string b)
    {
        if (!File.Exists(a) || !File.Exists(b))
        {
            return false;
        }

        if (Stat(a) is { } x && Stat(b) is { } y)
        {
            return x.Device == y.Device && x.Inode == y.Inode;
        }

        return string.Equals(Resolve(a), Resolve(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static string Resolve(string path)
    {
        var file = new FileInfo(Path.GetFullPath(path));
        return (file.ResolveLinkTarget(returnFinalTarget: true) ?? file).FullName;
    }

    private readonly record struct Status(ulong Device, ulong Inode, uint Mode);

    private static Status? Stat(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return null;
        }

        // struct stat on Linux: st_dev and st_ino first (8 bytes each) on both x86-64 and arm64;
        // st_mode follows st_nlink (8 bytes) on x86-64, and comes before a 4-byte st_nlink on arm64.
        var buffer = new byte[256];
        try
        {
            if (NativeStat(path, buffer) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }

        int modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        return new Status(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8), BitConverter.ToUInt32(buffer, modeOffset));
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeStat(string path, [Out] byte[] buffer);
}
