namespace Kiln.Configuration.Kconfig;

/// <summary>
/// Kconfig's menu_finalize: each entry's dependencies become those of its menus, ifs and choice
/// too, propagated to its prompts and defaults; selects and implies become the reverse
/// dependencies of what they name; choice members are found; entries that depend on the symbol
/// before them become its submenu; if blocks are flattened.
/// </summary>
internal sealed class MenuFinalizer(KconfigTree tree)
{
    public static void Finalize(KconfigTree tree) => new MenuFinalizer(tree).Process(tree.Root);

    /// <summary>'m' in a dependency means "m if modules are on": rewritten to m &amp;&amp; MODULES.</summary>
    private KconfigExpr? RewriteM(KconfigExpr? e) => e?.Kind switch
    {
        null => null,
        ExprKind.Not => KconfigExpr.Negate(RewriteM(e.Left)!),
        ExprKind.And => KconfigExpr.And(RewriteM(e.Left), RewriteM(e.Right)),
        ExprKind.Or => KconfigExpr.Or(RewriteM(e.Left), RewriteM(e.Right)),
        ExprKind.Symbol when e.LeftSymbol == tree.Mod => KconfigExpr.And(e, KconfigExpr.Of(tree.Modules)),
        _ => e,
    };

    private void Process(KconfigMenu parent)
    {
        var symbol = parent.Symbol;
        if (parent.FirstChild is not null)
        {
            KconfigExpr? parentDependency;
            if (symbol is { IsChoice: true })
            {
                if (symbol.Type == SymbolType.Unknown)
                    foreach (var child in parent.Children)
                        if (child.Symbol is { Type: not SymbolType.Unknown } typed)
                        {
                            symbol.Type = typed.Type;
                            break;
                        }
                foreach (var child in parent.Children)
                    if (child.Symbol is { Type: SymbolType.Unknown } untyped) untyped.Type = symbol.Type;
                parentDependency = KconfigExpr.Of(symbol);
            }
            else
            {
                parentDependency = parent.Dependency;
            }

            foreach (var child in parent.Children)
            {
                var baseDependency = KconfigExpr.And(parentDependency, RewriteM(child.Dependency));
                child.Dependency = baseDependency;
                if (child.Symbol is { } childSymbol)
                {
                    foreach (var property in childSymbol.Properties)
                        if (property.Menu == child) Propagate(property, baseDependency, childSymbol);
                }
                else if (child.Prompt is { } prompt)
                {
                    Propagate(prompt, baseDependency, null);
                }
            }
            for (var child = parent.FirstChild; child is not null; child = child.Next) Process(child);
        }
        else if (symbol is not null)
        {
            MakeImplicitSubmenu(parent, symbol);
            symbol.DirectDependency.Expr = KconfigExpr.Or(symbol.DirectDependency.Expr, parent.Dependency);
        }

        for (var menu = parent.FirstChild; menu is not null; menu = menu.Next)
        {
            if (symbol is { IsChoice: true } && menu.Symbol is { IsChoiceValue: false } member) AddChoiceMember(symbol, menu, member);
            if (menu.FirstChild is not null && menu.Prompt?.Text is null) Flatten(parent, menu);
        }

        if (symbol is not null && !symbol.Has(SymbolFlags.Warned))
        {
            if (symbol.Type == SymbolType.Unknown) Warn(parent, "config symbol defined without type");
            if (symbol.IsChoice && parent.Prompt is null) Warn(parent, "choice must have a prompt");
            CheckProperties(symbol);
            symbol.Flags |= SymbolFlags.Warned;
        }

        // A choice that must have a member chosen cannot be set to n while it is visible.
        if (symbol is not null && !symbol.Has(SymbolFlags.Optional) && parent.Prompt is not null)
            symbol.ReverseDependency.Expr = KconfigExpr.Or(symbol.ReverseDependency.Expr,
                KconfigExpr.And(parent.Prompt.Visible.Expr, KconfigExpr.Of(tree.Mod)));
    }

    private void Propagate(KconfigProperty property, KconfigExpr? baseDependency, KconfigSymbol? owner)
    {
        var dependency = KconfigExpr.And(baseDependency, RewriteM(property.Visible.Expr));
        property.Visible.Expr = dependency;
        if (owner is null) return;
        if (property.Kind == PropertyKind.Select && property.Symbol is { } selected)
            selected.ReverseDependency.Expr = KconfigExpr.Or(selected.ReverseDependency.Expr, KconfigExpr.And(KconfigExpr.Of(owner), dependency));
        else if (property.Kind == PropertyKind.Imply && property.Symbol is { } implied)
            implied.Implied.Expr = KconfigExpr.Or(implied.Implied.Expr, KconfigExpr.And(KconfigExpr.Of(owner), dependency));
    }

    /// <summary>
    /// Consecutive entries after a symbol that depend on it become its children (menuconfig
    /// indents them below it). Kiln recognizes the direct forms (S, S=y, S=m, S!=n in an &amp;&amp;).
    /// </summary>
    private void MakeImplicitSubmenu(KconfigMenu parent, KconfigSymbol symbol)
    {
        KconfigMenu? last = null;
        for (var menu = parent.Next; menu is not null; menu = menu.Next)
        {
            var dependency = menu.Prompt is not null ? menu.Prompt.Visible.Expr : menu.Dependency;
            if (dependency is null || !dependency.Contains(symbol) || !DependsOn(dependency, symbol)) break;
            Process(menu);
            menu.Parent = parent;
            last = menu;
        }
        if (last is null) return;
        parent.FirstChild = parent.Next;
        parent.Next = last.Next;
        last.Next = null;
    }

    private bool DependsOn(KconfigExpr? e, KconfigSymbol symbol) => e?.Kind switch
    {
        ExprKind.And => DependsOn(e.Left, symbol) || DependsOn(e.Right, symbol),
        ExprKind.Symbol => e.LeftSymbol == symbol,
        ExprKind.Equal => e.LeftSymbol == symbol && (e.RightSymbol == tree.Yes || e.RightSymbol == tree.Mod),
        ExprKind.Unequal => e.LeftSymbol == symbol && e.RightSymbol == tree.No,
        _ => false,
    };

    private void AddChoiceMember(KconfigSymbol choice, KconfigMenu menu, KconfigSymbol member)
    {
        member.Flags |= SymbolFlags.ChoiceValue;
        if (menu.Prompt is null) Warn(menu, "choice value must have a prompt");
        foreach (var property in member.Properties)
        {
            if (property.Kind == PropertyKind.Default) WarnAt(property, "defaults for choice values not supported");
            if (property.Menu == menu) continue;
            if (property.Kind == PropertyKind.Prompt && property.Menu.Parent?.Symbol != choice)
                WarnAt(property, "choice value used outside its choice group");
        }
        // A bool member of a tristate choice is only possible with the choice at y.
        if (choice.Type == SymbolType.Tristate && member.Type != SymbolType.Tristate)
        {
            var atYes = KconfigExpr.Compare(ExprKind.Equal, choice, tree.Yes);
            menu.Dependency = KconfigExpr.And(atYes, menu.Dependency);
            foreach (var property in member.Properties)
                if (property.Menu == menu) property.Visible.Expr = KconfigExpr.And(atYes, property.Visible.Expr);
        }
        member.OwningChoice ??= choice;
        choice.ChoiceMembers.Add(member);
    }

    private static void Flatten(KconfigMenu parent, KconfigMenu menu)
    {
        var last = menu.FirstChild!;
        while (true)
        {
            last.Parent = parent;
            if (last.Next is null) break;
            last = last.Next;
        }
        last.Next = menu.Next;
        menu.Next = menu.FirstChild;
        menu.FirstChild = null;
    }

    private void CheckProperties(KconfigSymbol symbol)
    {
        foreach (var property in symbol.Properties)
        {
            switch (property.Kind)
            {
                case PropertyKind.Default:
                    if (symbol.Type is SymbolType.String or SymbolType.Int or SymbolType.Hex && property.Expr!.Kind != ExprKind.Symbol)
                        WarnAt(property, $"default for config symbol '{symbol.Name}' must be a single symbol");
                    if (property.Expr!.Kind != ExprKind.Symbol) break;
                    var value = property.Symbol!;
                    if (symbol.Type is SymbolType.Hex or SymbolType.Int && !IsNumber(symbol, value))
                        WarnAt(property, $"'{symbol.Name}': number is invalid");
                    if (symbol.IsChoice && value.OwningChoice != symbol)
                        WarnAt(property, $"choice default symbol '{value.Name}' is not contained in the choice");
                    break;
                case PropertyKind.Select or PropertyKind.Imply:
                    var use = property.Kind == PropertyKind.Select ? "select" : "imply";
                    var target = property.Symbol!;
                    if (symbol.Type is not (SymbolType.Boolean or SymbolType.Tristate))
                        WarnAt(property, $"config symbol '{symbol.Name}' uses {use}, but is not bool or tristate");
                    else if (target.Type is not (SymbolType.Unknown or SymbolType.Boolean or SymbolType.Tristate))
                        WarnAt(property, $"'{target.Name}' has wrong type. '{use}' only accept arguments of bool and tristate type");
                    break;
                case PropertyKind.Range:
                    if (symbol.Type is not (SymbolType.Int or SymbolType.Hex))
                        WarnAt(property, "range is only allowed for int or hex symbols");
                    if (!IsNumber(symbol, property.Expr!.LeftSymbol!) || !IsNumber(symbol, property.Expr.RightSymbol!))
                        WarnAt(property, "range is invalid");
                    break;
            }
        }
    }

    private static bool IsNumber(KconfigSymbol symbol, KconfigSymbol value) =>
        value.Type is SymbolType.Int or SymbolType.Hex ||
        value.Type == SymbolType.Unknown && SymbolText.IsValid(symbol.Type, value.Name!);

    private void Warn(KconfigMenu menu, string message) => tree.Warnings.Add($"{menu.File}:{menu.Line}:warning: {message}");

    private void WarnAt(KconfigProperty property, string message) => tree.Warnings.Add($"{property.File}:{property.Line}:warning: {message}");
}
