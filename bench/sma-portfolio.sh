# Sourced by the bench scripts: writes the sma_cross portfolios they measure.
#
#   sma_portfolio FILE NAME SYMBOL DATA PAIR...
#
# FILE gets a portfolio NAME with one sma_cross strategy per fast:slow PAIR on SYMBOL's 1-minute
# DATA file (next to FILE), priorities 0, 1, … in order, $1,000,000, max_daily_risk 0.5, each with
# base_fraction 0.5 and a 1% stop.
sma_portfolio() {
    local file="$1" name="$2" symbol="$3" data="$4" priority=0 pair
    shift 4
    {
        printf '[portfolio]\nname = "%s"\ninitial_balance = 1_000_000\ndata_dir = "."\n\n' "$name"
        printf '[risk]\nmax_daily_risk = 0.5\n'
        for pair in "$@"; do
            printf '\n[[strategies]]\nid = "sma-%s"\nkind = "sma_cross"\nsymbol = "%s"\ntimeframe = "1m"\n' \
                "${pair/:/-}" "$symbol"
            printf 'data = "%s"\npriority = %d\nparams = { fast = %s, slow = %s }\n' \
                "$data" "$priority" "${pair%%:*}" "${pair##*:}"
            printf '[strategies.risk]\nbase_fraction = 0.5\nstop_loss_pct = 0.01\n'
            priority=$((priority + 1))
        done
    } >"$file"
}

# The ten pairs of workload (c) and of the live latency benchmark.
SMA_TEN_PAIRS=(5:20 10:30 10:50 20:60 20:100 30:120 50:200 15:45 25:75 40:160)
