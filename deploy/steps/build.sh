cd /srv/pecan
npm run build            # pecan itself → dist/
npm run build:examples   # the two services, decorators compiled → examples/.build/
