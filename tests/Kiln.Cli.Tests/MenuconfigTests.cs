namespace Kiln.Cli.Tests;

/// <summary>
/// kiln menuconfig used as a person uses it: the real kiln in a tmux terminal, keys typed, the
/// screen read, the .config checked afterwards.
/// </summary>
public sealed class MenuconfigTests : IDisposable
{
    private const string ConfigIn = """
        mainmenu "Fixture Configuration"

        menu "Global build settings"

        config VERSION_DIST
        	string "Release distribution"
        	default "OpenWrt"

        endmenu

        choice
        	prompt "Target System"
        	default TARGET_x86

        config TARGET_x86
        	bool "x86"

        config TARGET_malta
        	bool "MIPS Malta"

        endchoice

        menu "Network"

        config PACKAGE_dnsmasq
        	tristate "dnsmasq"
        	help
        	  A lightweight DNS and DHCP server.

        config DNSMASQ_DHCPV6
        	bool "DHCPv6 support"
        	depends on PACKAGE_dnsmasq
        	default y

        comment "Nothing else here"

        endmenu

        config MODULES
        	bool
        	default y
        	modules

        """;

    private readonly Scratch _scratch = new(withTree: false);

    public MenuconfigTests()
    {
        _scratch.Write("tree/Config.in", ConfigIn);
        Directory.CreateDirectory(_scratch.Path("tree/package"));
        Directory.CreateDirectory(_scratch.Path("tree/target/linux"));
    }

    private TmuxTerminal Start() => new(_scratch.Root, $"'{KilnProcess.Program}' --topdir tree menuconfig");

    private string DotConfig => _scratch.Path("tree/.config");

    [Fact]
    public void Sets_a_package_edits_a_string_saves_and_leaves()
    {
        using var terminal = Start();
        var main = terminal.WaitFor("Network  --->");
        Assert.Contains("Fixture Configuration", main);
        Assert.Contains("Global build settings  --->", main);
        Assert.Contains("Target System (x86)  --->", main);

        terminal.Keys("Down", "Down", "Enter");
        var network = terminal.WaitFor("dnsmasq");
        Assert.Contains("Fixture Configuration > Network", network);
        Assert.Contains("< > dnsmasq (NEW)", network);
        Assert.Contains("*** Nothing else here ***", network);
        terminal.Keys("y");
        // Its dependent option appears below it, indented, once it is set.
        Assert.Contains("<*> dnsmasq", terminal.WaitFor("DHCPv6 support"));

        terminal.Keys("Left");
        terminal.WaitFor("Global build settings  --->");
        terminal.Keys("Home", "Enter");
        terminal.WaitFor("(OpenWrt) Release distribution");
        terminal.Keys("Enter");
        terminal.WaitFor("Please enter a string value.");
        terminal.Type("Kiln 1.0");
        terminal.Keys("Enter");
        terminal.WaitForGone("Please enter a string value.");
        terminal.WaitFor("(Kiln 1.0) Release distribution");

        terminal.Keys("S");
        terminal.WaitFor("Enter a filename to which this configuration should be saved.");
        terminal.Keys("Enter");
        terminal.WaitForGone("Enter a filename to which this configuration should be saved.");
        var config = File.ReadAllText(DotConfig);
        Assert.Contains("CONFIG_PACKAGE_dnsmasq=y\n", config);
        Assert.Contains("CONFIG_DNSMASQ_DHCPV6=y\n", config);
        Assert.Contains("CONFIG_VERSION_DIST=\"Kiln 1.0\"\n", config);

        // Saved: leaving asks nothing.
        terminal.Keys("Escape", "Escape");
        terminal.WaitFor("Network  --->");
        terminal.Keys("Escape", "Escape");
        var end = terminal.WaitFor("exit status: 0");
        Assert.Contains("*** End of the configuration.", end);
    }

    [Fact]
    public void Leaving_with_changes_asks_whether_to_save()
    {
        File.WriteAllText(DotConfig, "# CONFIG_PACKAGE_dnsmasq is not set\n");
        using var terminal = Start();
        terminal.WaitFor("Network  --->");
        terminal.Keys("Down", "Down", "Enter");
        terminal.WaitFor("< > dnsmasq");
        terminal.Keys("m");
        terminal.WaitFor("<M> dnsmasq");
        terminal.Keys("Escape", "Escape");
        terminal.WaitFor("Target System (x86)  --->");
        terminal.Keys("Escape", "Escape");
        terminal.WaitFor("Do you wish to save your new configuration?");

        // Esc Esc goes back to the menu, as mconf's question does.
        terminal.Keys("Escape", "Escape");
        Assert.Contains("Target System (x86)  --->", terminal.WaitForGone("Do you wish to save"));
        terminal.Keys("Escape", "Escape");
        terminal.WaitFor("Do you wish to save your new configuration?");
        terminal.Keys("n");
        var end = terminal.WaitFor("exit status: 0");
        Assert.Contains("Your configuration changes were NOT saved.", end);
        Assert.Equal("# CONFIG_PACKAGE_dnsmasq is not set\n", File.ReadAllText(DotConfig));
    }

    public void Dispose() => _scratch.Dispose();
}
