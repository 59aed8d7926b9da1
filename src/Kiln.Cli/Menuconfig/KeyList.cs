using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace Kiln.Cli.Menuconfig;

/// <summary>
/// A list that lets its owner take keys first: ListView's own handling (which jumps to the row a
/// typed letter starts) would otherwise swallow y, n, m and the other command letters.
/// </summary>
public sealed class KeyList : ListView
{
    /// <summary>Returns true when it handled the key.</summary>
    public Func<Key, bool>? KeyPressed { get; set; }

    protected override bool OnKeyDown(Key key) => KeyPressed?.Invoke(key) == true || base.OnKeyDown(key);
}
