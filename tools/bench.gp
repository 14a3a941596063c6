# gnuplot script for tools/benchplot.sh: dat and out are set on the
# command line.  One cluster per metric: gonet and Go, cost relative to
# raw C (the micro-benchmarks: relative to Go); 1 is the baseline.
set terminal pngcairo size 1200,600 font ",10"
set output out
set title "gonet and Go relative to raw C (medians; lower is better, 1 = raw C)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set bmargin 9
set rmargin 18
set xtics rotate by -35 nomirror
set ylabel "cost relative to baseline"
set yrange [0:*]
set grid ytics
set key top left
plot dat using 2:xtic(1) title "gonet" lc rgb "#1f77b4", \
     '' using 3 title "Go 1.19" lc rgb "#2ca02c", \
     1 with lines dt 2 lc rgb "black" title "baseline"
