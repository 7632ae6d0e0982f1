#!/usr/bin/env bash
# Integration test of the Slurm path on one machine (docs/CLUSTER.md): installs Debian's slurmctld,
# slurmd and munge, starts a single-node cluster, runs a planned sweep as a job array
# (deploy/slurm/sweep.sbatch), merges the shards and compares the result with one local
# `ballast sweep` of the same file. Needs root (apt-get, the daemons). Stops the daemons it started.
#
#   deploy/test/slurm-local.sh            # BALLAST=path/to/ballast to choose the binary
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
BALLAST="${BALLAST:-$root/.build/debug/ballast}"
SHARDS="${SHARDS:-3}"
work="$(mktemp -d /tmp/ballast-slurm.XXXXXX)"
trap 'cleanup' EXIT

cleanup() {
    scontrol shutdown >/dev/null 2>&1 || true
    sleep 1
    for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munged.pid"; do
        if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
    done
    rm -rf "$work"
}

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null \
    || ! command -v sbatch >/dev/null; then
    echo "installing slurmctld slurmd munge slurm-client" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi

# munge: a key, and the daemon on a private socket.
mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge
[ -s /etc/munge/munge.key ] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge 2>/dev/null || true
chmod 400 /etc/munge/munge.key
if ! munge -n >/dev/null 2>&1; then
    runuser -u munge -- munged --force
    for _ in $(seq 1 20); do [ -S /run/munge/munge.socket.2 ] && break; sleep 0.5; done
    pgrep -n -x munged > "$work/munged.pid"
fi
munge -n | unmunge >/dev/null  # fails here when munge does not work

host="$(hostname -s)"
cpus="$(nproc)"
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=ballast-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
# No cgroup.conf: Slurm 22.05 falls back to cgroup/v1 detection, which a container tolerates.
rm -f /etc/slurm/cgroup.conf
slurmctld -c -i
slurmd -c
for _ in $(seq 1 30); do
    sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)' && break
    sleep 1
done
sinfo

fixture="$root/deploy/test/fixture"
"$BALLAST" sweep "$fixture/sweep.toml" --db "$work/local.sqlite" --json > "$work/local.json"
"$BALLAST" sweep plan "$fixture/sweep.toml" --shards "$SHARDS" --out "$work/plan"
sbatch --wait --array="0-$((SHARDS - 1))" --chdir="$work" \
    --export="ALL,SWEEP_DIR=$work/plan,SHARDS=$SHARDS,BALLAST=$BALLAST" --cpus-per-task=1 \
    "$root/deploy/slurm/sweep.sbatch"
"$BALLAST" sweep merge "$work/plan" --db "$work/merged.sqlite" --json > "$work/merged.json"
if cmp -s "$work/local.json" "$work/merged.json"; then
    echo "slurm-local: OK — $SHARDS array tasks merged equal one local sweep ($(wc -c < "$work/local.json") bytes of JSON)"
else
    echo "slurm-local: FAILED — the merged sweep differs from the local one" >&2
    diff <(tr ',' '\n' < "$work/local.json") <(tr ',' '\n' < "$work/merged.json") | head -20 >&2
    exit 1
fi
