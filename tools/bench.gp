# gnuplot script for tools/benchplot.sh: dat, out and ttl are set on the
# command line.  One cluster per metric, one bar per implementation (the
# columns after the first, named in dat's first line): cost relative to
# raw C (the micro-benchmarks: relative to Go); 1 is the baseline.
set terminal pngcairo size 1800,650 font ",10"
set output out
set title ttl
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set bmargin 11
set rmargin 18
set xtics rotate by -45 nomirror
set ylabel "cost relative to baseline"
set yrange [0:*]
set grid ytics
set key top left autotitle columnhead
stats dat using 0 nooutput
ncol = STATS_columns
plot for [i=2:ncol] dat using i:xtic(1), \
     1 with lines dt 2 lc rgb "black" title "baseline"
