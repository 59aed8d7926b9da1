using Kiln.Core.Errors;

namespace Kiln.Images.Boot;

/// <summary>The QEMU system emulator that boots a target's images, by the target's architecture, and its Debian package.</summary>
public sealed record QemuMachine(string Program, IReadOnlyList<string> Arguments, string Console, string DebianPackage)
{
    public static QemuMachine For(string arch) => arch switch
    {
        "mipsel" => new("qemu-system-mipsel", ["-M", "malta", "-m", "256"], "ttyS0", "qemu-system-mips"),
        "mips" => new("qemu-system-mips", ["-M", "malta", "-m", "256"], "ttyS0", "qemu-system-mips"),
        "mips64el" => new("qemu-system-mips64el", ["-M", "malta", "-cpu", "MIPS64R2-generic", "-m", "256"], "ttyS0", "qemu-system-mips"),
        "mips64" => new("qemu-system-mips64", ["-M", "malta", "-cpu", "MIPS64R2-generic", "-m", "256"], "ttyS0", "qemu-system-mips"),
        "x86_64" => new("qemu-system-x86_64", ["-m", "512"], "ttyS0", "qemu-system-x86"),
        "i386" => new("qemu-system-i386", ["-m", "512"], "ttyS0", "qemu-system-x86"),
        "aarch64" => new("qemu-system-aarch64", ["-M", "virt", "-cpu", "cortex-a57", "-m", "512"], "ttyAMA0", "qemu-system-arm"),
        "arm" => new("qemu-system-arm", ["-M", "virt", "-m", "512"], "ttyAMA0", "qemu-system-arm"),
        _ => throw new UserError($"kiln test-image does not know which QEMU machine boots {arch} images"),
    };

    /// <summary>Debian's UEFI firmware for QEMU's x86_64 PC (package ovmf), which boots EFI disk images.</summary>
    public const string Ovmf = "/usr/share/ovmf/OVMF.fd";

    /// <summary>The UEFI firmware this machine boots EFI images with, when the machine has one and it is installed.</summary>
    public string? UefiFirmware => Program == "qemu-system-x86_64" && File.Exists(Ovmf) ? Ovmf : null;
}
